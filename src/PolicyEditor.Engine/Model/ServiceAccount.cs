namespace PolicyEditor.Engine.Model;

/// <summary>A Kubernetes ServiceAccount and its labels (Calico policies select pods by their service account's name and labels).</summary>
public sealed record ServiceAccount(string Namespace, string Name, LabelSet Labels)
{
    /// <summary>The service account a pod runs as when its spec names none.</summary>
    public const string DefaultName = "default";

    /// <inheritdoc />
    public override string ToString() => $"{Namespace}/{Name}";
}
