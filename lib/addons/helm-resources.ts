// Helm provider classes, loaded on first use: fleets without add-ons never load
// @cdktf/provider-helm (deep imports only).
/* eslint-disable @typescript-eslint/no-require-imports */

export const helm = {
  get HelmProvider(): typeof import('@cdktf/provider-helm/lib/provider').HelmProvider { return require('@cdktf/provider-helm/lib/provider').HelmProvider; },
  get Release(): typeof import('@cdktf/provider-helm/lib/release').Release { return require('@cdktf/provider-helm/lib/release').Release; },
};
