/**
 * A value made from an object once and kept for as long as the object lives, for objects that are replaced, never
 * changed in place (a session's queue snapshot and its answer view).
 */
export function oncePerObject<T extends object, R>(make: (value: T) => R): (value: T) => R {
  const made = new WeakMap<T, R>();
  return (value) => {
    let result = made.get(value);
    if (result === undefined) made.set(value, (result = make(value)));
    return result;
  };
}

/** JSON.stringify, once per object (see oncePerObject). */
export function jsonOncePerObject<T extends object>(): (value: T) => string {
  return oncePerObject<T, string>((value) => JSON.stringify(value));
}
