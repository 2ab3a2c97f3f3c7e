namespace PolicyEditor.Engine.Model;

/// <summary>The directions a NetworkPolicy isolates.</summary>
[Flags]
public enum PolicyTypes
{
    None = 0,
    Ingress = 1,
    Egress = 2,
    Both = Ingress | Egress,
}
