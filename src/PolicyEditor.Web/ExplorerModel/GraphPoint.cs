namespace PolicyEditor.Web.ExplorerModel;

/// <summary>A node position the user chose by dragging, in graph coordinates.</summary>
public readonly record struct GraphPoint(double X, double Y);
