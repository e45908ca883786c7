/**
 * Per owner object, the value last built and the inputs it was built from: the same value while the inputs are the
 * same (`===`), a new one when any changed. For parts of answers that change far less often than they are sent.
 */
export function lastValuePer<Owner extends object, Inputs extends readonly unknown[], Value>(
  build: (...inputs: Inputs) => Value,
): (owner: Owner, ...inputs: Inputs) => Value {
  const kept = new WeakMap<Owner, { inputs: Inputs; value: Value }>();
  return (owner, ...inputs) => {
    const last = kept.get(owner);
    if (last && sameInputs(last.inputs, inputs)) return last.value;
    const value = build(...inputs);
    kept.set(owner, { inputs, value });
    return value;
  };
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
