namespace PolicyEditor.Engine.Model;

/// <summary>
/// A policy object of any dialect, as its manifest states it (NetworkPolicy, the admin policies,
/// ClusterNetworkPolicy, and the vendor dialects' kinds): what identifies it in a cluster. Each dialect
/// keeps its own faithful record and compiles it into the one <see cref="Program.PolicyProgram"/>.
/// </summary>
public interface IPolicyResource
{
    /// <summary>The manifest's kind, e.g. <c>NetworkPolicy</c>, <c>ClusterNetworkPolicy</c>.</summary>
    string Kind { get; }

    /// <summary>The namespace of a namespaced kind; null for a cluster-scoped one.</summary>
    string? Namespace { get; }

    /// <summary>The object's name.</summary>
    string Name { get; }

    /// <summary>What identifies the object among every policy of a cluster.</summary>
    PolicyKey Key => new(Kind, Namespace, Name);
}
