namespace PolicyEditor.Web.ExplorerModel;

/// <summary>How the matrix orders its rows and columns.</summary>
public enum MatrixSort
{
    /// <summary>By name: the cluster's lines by namespace, then the outside.</summary>
    Name,

    /// <summary>Most allowed first: the lines whose cells let the most endpoint pairs connect.</summary>
    Allowed,

    /// <summary>Most changed first: the lines whose cells hold the most changes of the draft.</summary>
    Changes,
}
