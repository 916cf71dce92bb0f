/**
 * Observation point of the output writer: called after every file system step of a
 * synth's write and swap (`locked`, `write`, `carry`, `journal`, `renamed-aside`,
 * `renamed-in`, …). Tests set it to stop the process at a chosen step and check what a
 * kill there would leave on disk.
 */
export type OutputProbe = (step: string, detail: string) => void;

let current: OutputProbe | undefined;

/**
 * Sets (or clears) the probe. Test hook, not public API.
 * @internal
 */
export function _setOutputProbe(probe: OutputProbe | undefined): void {
  current = probe;
}

/** Reports one completed step to the probe, if any. */
export function step(name: string, detail: string = ''): void {
  current?.(name, detail);
}
