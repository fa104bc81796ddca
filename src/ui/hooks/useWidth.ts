import { useEffect, useRef, useState } from 'react';

/** The width of an element in pixels, followed as the window resizes (ResizeObserver). */
export function useWidth<T extends HTMLElement>(initialPx = 760): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [widthPx, setWidthPx] = useState(initialPx);
  useEffect(() => {
    const element = ref.current;
    if (element === null) return undefined;
    const observer = new ResizeObserver((entries) => {
      const width = entries[0]?.contentRect.width;
      if (width !== undefined && width > 0) setWidthPx(Math.floor(width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, widthPx];
}
