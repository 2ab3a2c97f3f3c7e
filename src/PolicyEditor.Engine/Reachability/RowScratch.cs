namespace PolicyEditor.Engine.Reachability;

/// <summary>The working space of <see cref="RowBuilder"/>, reused for every row of one matrix or one edit (not shared between threads).</summary>
internal sealed class RowScratch
{
    /// <summary>A row's explicit values by peer unit.</summary>
    public SparseValues Units { get; } = new();

    /// <summary>A row's explicit values by external block.</summary>
    public SparseValues Blocks { get; } = new();
}
