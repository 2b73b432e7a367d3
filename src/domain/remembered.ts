/**
 * A pure function of one string key that remembers its last `size` results, oldest first out. Only
 * for functions whose result depends on the key alone (frozen frameworks, folded text): a result
 * handed out twice is the same object.
 */
export function remembered<T>(fn: (key: string) => T, size: number): (key: string) => T {
  const results = new Map<string, T>();
  return (key) => {
    let result = results.get(key);
    if (result === undefined) {
      result = fn(key);
      if (results.size >= size) results.delete(results.keys().next().value as string);
      results.set(key, result);
    }
    return result;
  };
}
