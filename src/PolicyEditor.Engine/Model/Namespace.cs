namespace PolicyEditor.Engine.Model;

/// <summary>A namespace and its labels (always including <c>kubernetes.io/metadata.name</c>).</summary>
public sealed record Namespace
{
    /// <summary>The label Kubernetes puts on every namespace, holding its name.</summary>
    public const string NameLabel = "kubernetes.io/metadata.name";

    /// <summary>Creates a namespace; the name label is added when missing, as the API server does.</summary>
    public Namespace(string name, LabelSet? labels = null)
    {
        Name = name;
        labels ??= LabelSet.Empty;
        Labels = labels.TryGetValue(NameLabel, out var v) && v == name ? labels : labels.With(NameLabel, name);
    }

    /// <summary>The namespace name.</summary>
    public string Name { get; }

    /// <summary>The namespace labels.</summary>
    public LabelSet Labels { get; }
}
