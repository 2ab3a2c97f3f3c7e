using System.Globalization;

namespace PolicyEditor.Engine.Model;

/// <summary>A port given as a number or as a name (Kubernetes' IntOrString).</summary>
public readonly record struct PortReference
{
    private PortReference(int? number, string? name)
    {
        Number = number;
        Name = name;
    }

    /// <summary>The port number, when given as a number.</summary>
    public int? Number { get; }

    /// <summary>The port name, when given as a name.</summary>
    public string? Name { get; }

    /// <summary>True when the port is given by name.</summary>
    public bool IsNamed => Name is not null;

    /// <summary>A numbered port.</summary>
    public static PortReference OfNumber(int number) => new(number, null);

    /// <summary>A named port.</summary>
    public static PortReference OfName(string name) => new(null, name);

    /// <inheritdoc />
    public override string ToString() => Name ?? Number!.Value.ToString(CultureInfo.InvariantCulture);
}
