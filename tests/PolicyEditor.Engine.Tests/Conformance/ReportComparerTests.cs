namespace PolicyEditor.Engine.Tests.Conformance;

public class ReportComparerTests
{
    [Fact]
    public void DifferentCutsOfTheSameAddresses_AreEqual()
    {
        var one = "0.0.0.0-255.255.255.255[External] => a/b[Pod] : TCP 80\n";
        var two = "0.0.0.0-9.255.255.255[External] => a/b[Pod] : TCP 80\n10.0.0.0-255.255.255.255[External] => a/b[Pod] : TCP 80\n";

        Assert.Empty(ReportComparer.CompareLists(one, two));
    }

    [Fact]
    public void DifferentConnections_AreReported()
    {
        Assert.NotEmpty(ReportComparer.CompareLists("a/x[Pod] => a/y[Pod] : TCP 80\n", "a/x[Pod] => a/y[Pod] : TCP 81\n"));
        Assert.NotEmpty(ReportComparer.CompareLists("a/x[Pod] => a/y[Pod] : TCP 80\n", string.Empty));
    }

    [Fact]
    public void DiffReports_CompareTypesAndWorkloadInfo()
    {
        var expected = "Connectivity diff:\ndiff-type: added, source: a/x[Pod], destination: a/y[Pod], ref1: No Connections, ref2: TCP 80, workloads-diff-info: workload a/y[Pod] added\n";

        Assert.Empty(ReportComparer.CompareDiffs(expected, expected));
        Assert.NotEmpty(ReportComparer.CompareDiffs(expected, expected.Replace(", workloads-diff-info: workload a/y[Pod] added", string.Empty, StringComparison.Ordinal)));
    }
}
