namespace PolicyEditor.Web.Explorer;

/// <summary>A node position the user chose by dragging, in graph coordinates.</summary>
public readonly record struct GraphPoint(double X, double Y);
