/**
 * A kubeconfig for an EKS cluster that authenticates with `aws eks get-token`
 * (no credentials inside). Endpoint and CA may be Terraform references.
 */
export function eksKubeconfig(clusterName: string, region: string, endpoint: string, caData: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${clusterName}`,
    '  cluster:',
    `    server: ${endpoint}`,
    `    certificate-authority-data: ${caData}`,
    'contexts:',
    `- name: ${clusterName}`,
    '  context:',
    `    cluster: ${clusterName}`,
    `    user: ${clusterName}`,
    `current-context: ${clusterName}`,
    'users:',
    `- name: ${clusterName}`,
    '  user:',
    '    exec:',
    '      apiVersion: client.authentication.k8s.io/v1beta1',
    '      command: aws',
    `      args: [eks, get-token, --cluster-name, ${clusterName}, --region, ${region}]`,
    '',
  ].join('\n');
}
