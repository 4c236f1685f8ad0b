/** Adds `value` to the list kept under `key`, creating it; grouping rows this way stays linear. */
export function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
