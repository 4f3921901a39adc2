/**
 * Functions memoised for the life of the returned function (one comparison, one rule's
 * check): each distinct argument (or pair) is computed once, `undefined` results included.
 * Arguments are compared as `Map` keys (SameValueZero).
 */
export function memoOne<A, T>(compute: (a: A) => T): (a: A) => T {
  const memo = new Map<A, T>();
  return (a) => {
    // one lookup for a result computed before (a second tells an `undefined` result from none)
    const known = memo.get(a);
    if (known !== undefined || memo.has(a)) return known as T;
    const r = compute(a);
    memo.set(a, r);
    return r;
  };
}

/** `memoOne` for a function of two arguments. */
export function memoPair<A, B, T>(compute: (a: A, b: B) => T): (a: A, b: B) => T {
  const byA = memoOne((a: A) => memoOne((b: B) => compute(a, b)));
  return (a, b) => byA(a)(b);
}
