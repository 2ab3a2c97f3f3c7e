using PolicyEditor.Engine.Addresses;
using PolicyEditor.Engine.Reachability;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>"The internet": the blocks of the outside that no policy names, drawn as one node and listed as one peer.</summary>
public static class InternetBlocks
{
    /// <summary>The external blocks of a matrix that no policy's address set holds.</summary>
    public static IEnumerable<ExternalBlock> Of(ReachabilityMatrix matrix)
    {
        var policySets = matrix.Evaluator.AddressSets().ToList();
        return matrix.External.Blocks.Where(b => !policySets.Any(s => s.Contains(b.Representative)));
    }
}
