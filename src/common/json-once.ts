/**
 * JSON.stringify for objects that are replaced, never changed in place (a session's queue snapshot and its answer
 * views): each object is serialised once and its JSON kept for as long as the object lives.
 */
export function jsonOncePerObject<T extends object>(): (value: T) => string {
  const written = new WeakMap<T, string>();
  return (value) => {
    let json = written.get(value);
    if (json === undefined) written.set(value, (json = JSON.stringify(value)));
    return json;
  };
}
