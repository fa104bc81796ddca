/**
 * The types every vocabulary registry (plan actions, faults, checks) derives from its list of
 * definitions: a tuple of one field of each, in order — the schemas as z.discriminatedUnion takes
 * them, the kind names as a literal tuple.
 */
export type FieldOfEach<List extends readonly unknown[], Field extends string> = {
  -readonly [Index in keyof List]: List[Index] extends { readonly [Key in Field]: infer Value }
    ? Value
    : never;
};
