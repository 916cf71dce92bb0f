"""One EKS cluster with a general-purpose pool, defined in Python through cdk-fleet's
jsii binding (package `cdk-fleet` on PyPI, module `cdk_fleet`).

    pip install cdk-fleet
    cdk-fleet synth --app "python3 main.py" --out cdk.out
"""
from cdk_fleet import EksCluster, Fleet

fleet = Fleet(tags={"team": "platform", "environment": "dev"})

cluster = EksCluster(fleet, "dev-eu", region="eu-west-1")
cluster.add_node_pool("general", machine_type="m7i.large", min_size=1, max_size=3)

fleet.synth()
