namespace PolicyEditor.Web.ExplorerModel;

/// <summary>How much a cell of the reachability matrix allows, over the workload pairs it stands for.</summary>
public enum MatrixLevel
{
    /// <summary>No pair may exchange anything.</summary>
    None,

    /// <summary>Some pairs, or some connections: ports, protocols.</summary>
    Some,

    /// <summary>Every pair may exchange every connection.</summary>
    All,
}
