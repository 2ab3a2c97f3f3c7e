using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Program;

/// <summary>
/// One policy dialect: compiles its objects of a cluster (its records, kept faithful to their YAML)
/// into tiers and policies of the program.
/// </summary>
public interface IPolicyDialect
{
    /// <summary>Adds the dialect's tiers and policies for <paramref name="cluster"/> to <paramref name="program"/>.</summary>
    void Compile(Cluster cluster, ProgramBuilder program);
}
