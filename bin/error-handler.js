// Preloaded (node --require) into the user's program by `cdk-fleet synth`:
// a definition error is shown as its message alone, without a stack trace.
process.on('uncaughtException', (err) => {
  if (err && err.name === 'FleetValidationError') {
    process.stderr.write(`Error: ${err.message}\n`);
  } else {
    process.stderr.write(`Error: ${err && err.stack ? err.stack : String(err)}\n`);
  }
  process.exit(1);
});
