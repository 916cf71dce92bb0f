import { KubeconfigExec } from '../cluster-stack';

/** Application id of the AKS Entra ID server app that kubelogin requests tokens for. */
const AKS_AAD_SERVER_APP = '6dae42f8-4368-4678-94ff-3960e28e3630';

/** kubelogin with the Azure CLI's login: how kubeconfigs and the Helm provider authenticate to AKS (Entra ID). */
export function aksKubeconfigExec(): KubeconfigExec {
  return { command: 'kubelogin', args: ['get-token', '--login', 'azurecli', '--server-id', AKS_AAD_SERVER_APP] };
}
