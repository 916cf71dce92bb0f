// Two teams on an EKS, a GKE and an AKS cluster: namespaces, quotas, limits, access and
// cost labels per team (kubernetes/<cluster>/team.<name>.yaml, access entries and role
// assignments in terraform/<cluster>/main.tf.json). The output lands in cdk.out/.
import { buildTwoTeams } from './teams';
import { Fleet } from '../../lib';

const fleet = new Fleet({ tags: { environment: 'prod' } });
buildTwoTeams(fleet);
fleet.synth();
