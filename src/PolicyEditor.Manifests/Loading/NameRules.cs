namespace PolicyEditor.Manifests.Loading;

/// <summary>What the loader does with a <c>metadata.name</c> or <c>namespace</c> that breaks Kubernetes' naming rules (<see cref="KubernetesNames"/>).</summary>
public enum NameRules
{
    /// <summary>An error at the name's line; the object is not loaded (input from other people: the server).</summary>
    Enforce,

    /// <summary>A warning at the name's line; the object loads (a person's own files: other tools accept such names).</summary>
    Warn,

    /// <summary>Not checked (text the program wrote itself, which may predate the check).</summary>
    Ignore,
}
