"use client";
/**
 * Whether an element has come near the viewport (or `force` is set): heavy sections
 * of the result page load their code and data only then. Once true, stays true.
 */
import { useEffect, useState, type RefObject } from "react";

export function useNearViewport(ref: RefObject<Element | null>, { rootMargin = "600px 0px", force = false }: { rootMargin?: string; force?: boolean } = {}): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (near || !el) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setNear(true);
    }, { rootMargin });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, rootMargin, near]);
  return near || force;
}
