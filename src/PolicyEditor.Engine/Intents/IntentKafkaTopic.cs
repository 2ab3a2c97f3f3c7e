using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Intents;

/// <summary>A Kafka topic and the operations a client performs on it.</summary>
public sealed record IntentKafkaTopic(string Name, ValueArray<string> Operations)
{
    /// <inheritdoc />
    public override string ToString() => Operations.IsEmpty ? $"topic {Name}" : $"topic {Name} ({string.Join(",", Operations)})";
}
