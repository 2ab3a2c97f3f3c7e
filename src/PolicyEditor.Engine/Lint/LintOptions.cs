using PolicyEditor.Engine.Addresses;

namespace PolicyEditor.Engine.Lint;

/// <summary>Facts about the cluster the manifests do not carry, used by the lint checks.</summary>
public sealed record LintOptions
{
    /// <summary>
    /// The defaults: the pod networks that common distributions use (kubeadm with flannel 10.244.0.0/16,
    /// k3s 10.42.0.0/16, OpenShift 10.128.0.0/14), and kube-dns found by label <c>k8s-app=kube-dns</c>.
    /// </summary>
    public static readonly LintOptions Default = new();

    /// <summary>The cluster's pod networks; an ipBlock covering them is flagged.</summary>
    public IReadOnlyList<Cidr> PodNetworks { get; init; } = [Cidr.Parse("10.244.0.0/16"), Cidr.Parse("10.42.0.0/16"), Cidr.Parse("10.128.0.0/14")];

    /// <summary>The label that marks the cluster DNS pods.</summary>
    public (string Key, string Value) DnsLabel { get; init; } = ("k8s-app", "kube-dns");
}
