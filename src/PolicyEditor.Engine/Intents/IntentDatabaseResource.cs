using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Intents;

/// <summary>A database (and optionally a table) and the operations a client performs on it.</summary>
public sealed record IntentDatabaseResource(string DatabaseName, string? Table, ValueArray<string> Operations)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{DatabaseName}{(Table is null ? string.Empty : "." + Table)}{(Operations.IsEmpty ? string.Empty : $" ({string.Join(",", Operations)})")}";
}
