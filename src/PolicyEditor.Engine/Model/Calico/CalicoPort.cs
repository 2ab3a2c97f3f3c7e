namespace PolicyEditor.Engine.Model.Calico;

/// <summary>A port of a Calico rule: a number, a range written <c>from:to</c>, or a named port.</summary>
public readonly record struct CalicoPort(int Start, int End, string? Name)
{
    /// <summary>One port number.</summary>
    public static CalicoPort Number(int port) => new(port, port, null);

    /// <summary>A range of ports.</summary>
    public static CalicoPort Range(int start, int end) => new(start, end, null);

    /// <summary>A named port, resolved against the destination's container ports.</summary>
    public static CalicoPort Named(string name) => new(0, 0, name);

    /// <summary>True for a named port.</summary>
    public bool IsNamed => Name is not null;

    /// <inheritdoc />
    public override string ToString() => Name ?? (Start == End ? $"{Start}" : $"{Start}:{End}");
}
