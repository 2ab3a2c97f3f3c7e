using PolicyEditor.Engine.Connections;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Web.Tests;

/// <summary>The small clusters and policies the service tests build on.</summary>
internal static class TestClusters
{
    /// <summary>Namespace shop with a web Deployment (TCP 8080 named http) and a db StatefulSet (TCP 5432); no policies.</summary>
    public static readonly Cluster Shop = Cluster.Empty with
    {
        Namespaces = ValueArray.Create(new Namespace("shop")),
        Workloads = ValueArray.Create(
            new Workload("shop", "web", "Deployment", LabelSet.Of(("app", "web")), ValueArray.Create(new ContainerPort("http", 8080, Protocol.TCP))),
            new Workload("shop", "db", "StatefulSet", LabelSet.Of(("app", "db")), ValueArray.Create(new ContainerPort(null, 5432, Protocol.TCP)))),
    };

    /// <summary>A policy of shop that selects every pod and allows nothing in the given directions.</summary>
    public static NetworkPolicy Deny(string name, PolicyTypes types = PolicyTypes.Ingress) =>
        new("shop", name, LabelSelector.Everything, types, ValueArray<NetworkPolicyRule>.Empty, ValueArray<NetworkPolicyRule>.Empty);
}
