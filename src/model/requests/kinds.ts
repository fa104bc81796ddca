import { REQUEST_KINDS } from './types.ts';
import type { RequestKind } from './types.ts';

// Kind codes: REQUEST_KINDS indices, plus internal work (staticify renders) counted in no service.
export const KIND_KEY_PAGE = REQUEST_KINDS.indexOf('keyPage');
export const KIND_PAGE = REQUEST_KINDS.indexOf('page');
export const KIND_SLOW_PAGE = REQUEST_KINDS.indexOf('slowPage');
export const KIND_COMMENT = REQUEST_KINDS.indexOf('comment');
export const KIND_ADMIN = REQUEST_KINDS.indexOf('admin');
export const KIND_UPLOAD = REQUEST_KINDS.indexOf('upload');
export const KIND_STATIC = REQUEST_KINDS.indexOf('staticAsset');
export const KIND_INTERNAL = REQUEST_KINDS.length;

// Service codes: SERVICE_NAMES indices, plus none for internal work.
export const SERVICE_WWW = 0;
export const SERVICE_ADMIN = 1;
export const SERVICE_STATIC = 2;
export const SERVICE_NONE = 3;

/** Comments, admin actions and uploads write to the DB; everything else only reads. */
export function isWriteKind(kind: number): boolean {
  return kind === KIND_COMMENT || kind === KIND_ADMIN || kind === KIND_UPLOAD;
}

/** Admin actions and uploads go to the admin service (the primary web server only). */
export function isAdminKind(kind: number): boolean {
  return kind === KIND_ADMIN || kind === KIND_UPLOAD;
}

/** The service whose outcomes a request of this kind counts in. */
export function serviceCode(kind: number): number {
  if (kind === KIND_INTERNAL) return SERVICE_NONE;
  if (kind === KIND_STATIC) return SERVICE_STATIC;
  return isAdminKind(kind) ? SERVICE_ADMIN : SERVICE_WWW;
}

/** The code of a request kind (its REQUEST_KINDS index). */
export function kindCode(kind: RequestKind): number {
  return REQUEST_KINDS.indexOf(kind);
}
