namespace PolicyEditor.Engine.Model.Calico;

/// <summary>
/// A Calico FelixConfiguration, of which only the failsafe ports matter here: <c>default</c> for every node,
/// <c>node.&lt;name&gt;</c> overriding it on one node. A list left out (null) keeps Felix's default; an empty list opens none.
/// </summary>
public sealed record CalicoFelixConfiguration(string Name, ValueArray<CalicoFailsafePort>? FailsafeInbound, ValueArray<CalicoFailsafePort>? FailsafeOutbound) : IPolicyResource
{
    /// <summary>The name of the configuration every node uses.</summary>
    public const string DefaultName = "default";

    /// <inheritdoc />
    public string Kind => "FelixConfiguration";

    /// <inheritdoc />
    public string? Namespace => null;

    /// <inheritdoc />
    public override string ToString() => $"FelixConfiguration {Name}";
}
