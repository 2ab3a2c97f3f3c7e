using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Intents;

/// <summary>
/// One declared call of a client. <see cref="Name"/> is the target as written (<c>server</c> or
/// <c>server.namespace</c>; for cloud targets the resource, for internet calls empty); the lists keep
/// the call's details so they can be shown and written back.
/// </summary>
public sealed record IntentCall(IntentCallType Type, string Name, string? Kind)
{
    /// <summary>HTTP paths and methods (Kubernetes and Service targets).</summary>
    public ValueArray<IntentHttpResource> Http { get; init; } = ValueArray<IntentHttpResource>.Empty;

    /// <summary>Kafka topics and operations.</summary>
    public ValueArray<IntentKafkaTopic> Topics { get; init; } = ValueArray<IntentKafkaTopic>.Empty;

    /// <summary>Database privileges.</summary>
    public ValueArray<IntentDatabaseResource> Databases { get; init; } = ValueArray<IntentDatabaseResource>.Empty;

    /// <summary>The internet target, for <see cref="IntentCallType.Internet"/>.</summary>
    public IntentInternetTarget? Internet { get; init; }

    /// <summary>Cloud permissions, actions or roles (AWS, GCP, Azure).</summary>
    public ValueArray<string> Permissions { get; init; } = ValueArray<string>.Empty;

    /// <summary>Whether the call is a connection the pod network carries (and so NetworkPolicies decide).</summary>
    public bool IsNetworkCall => Type is IntentCallType.Kubernetes or IntentCallType.Service or IntentCallType.Kafka or IntentCallType.Internet;

    /// <summary>The target's name without a namespace suffix.</summary>
    public string TargetName => SplitName().Name;

    /// <summary>The target's namespace: the one after the last dot of <see cref="Name"/>, else the client's.</summary>
    public string TargetNamespace(string clientNamespace) => SplitName().Namespace ?? clientNamespace;

    /// <summary>The details in words (HTTP resources, topics, databases, addresses), empty when there are none.</summary>
    public string Details
    {
        get
        {
            var parts = new List<string>();
            parts.AddRange(Http.Select(h => h.ToString()));
            parts.AddRange(Topics.Select(t => t.ToString()));
            parts.AddRange(Databases.Select(d => d.ToString()));
            if (Internet is not null)
            {
                parts.Add(Internet.ToString());
            }

            if (!Permissions.IsEmpty)
            {
                parts.Add(string.Join(", ", Permissions));
            }

            return string.Join("; ", parts);
        }
    }

    /// <inheritdoc />
    public override string ToString() => Type switch
    {
        IntentCallType.Internet => $"internet {Internet}",
        IntentCallType.Kubernetes => Kind is null ? Name : $"{Name} ({Kind})",
        _ => $"{Type.ToString().ToLowerInvariant()} {Name}",
    };

    private (string Name, string? Namespace) SplitName()
    {
        // Otterize names a target in another namespace as name.namespace; workload names carry no dots.
        var dot = Name.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && dot < Name.Length - 1 ? (Name[..dot], Name[(dot + 1)..]) : (Name, null);
    }
}
