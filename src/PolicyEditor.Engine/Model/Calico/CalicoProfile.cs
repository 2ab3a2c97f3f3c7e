namespace PolicyEditor.Engine.Model.Calico;

/// <summary>
/// A Calico Profile: rules that apply to its endpoints after every tier, and labels it gives them. Calico
/// gives each Kubernetes pod the profiles <c>kns.&lt;namespace&gt;</c> and <c>ksa.&lt;namespace&gt;.&lt;service account&gt;</c>,
/// which allow everything unless the manifests define them otherwise.
/// </summary>
public sealed record CalicoProfile(string Name, ValueArray<CalicoRule> Ingress, ValueArray<CalicoRule> Egress, LabelSet LabelsToApply) : IPolicyResource, INamesProtocols
{
    /// <inheritdoc />
    public IEnumerable<Connections.Protocol> NamedProtocols => Ingress.Concat(Egress).SelectMany(r => r.NamedProtocols);

    /// <inheritdoc />
    public string Kind => "Profile";

    /// <inheritdoc />
    public string? Namespace => null;

    /// <inheritdoc />
    public override string ToString() => $"profile {Name}";
}
