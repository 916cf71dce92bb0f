/**
 * A kubeconfig that authenticates through an exec credential plugin (no
 * credentials inside). Server and CA may be Terraform references.
 */
export function execKubeconfig(clusterName: string, server: string, caData: string, command: string, args: string[]): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    `- name: ${clusterName}`,
    '  cluster:',
    `    server: ${server}`,
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
    `      command: ${command}`,
    ...(args.length > 0 ? [`      args: [${args.join(', ')}]`] : []),
    '      provideClusterInfo: true',
    '',
  ].join('\n');
}
