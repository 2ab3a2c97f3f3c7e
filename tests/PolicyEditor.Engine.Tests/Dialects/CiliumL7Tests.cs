using PolicyEditor.Engine.Evaluation;

namespace PolicyEditor.Engine.Tests.Dialects;

/// <summary>L7 rules: the traffic is allowed at L4 and filtered by Cilium's proxy; the pair knows which rules filter it.</summary>
public class CiliumL7Tests
{
    private const string ApiHttp = """
        apiVersion: cilium.io/v2
        kind: CiliumNetworkPolicy
        metadata: {name: api, namespace: shop}
        spec:
          endpointSelector: {matchLabels: {app: api}}
          ingress:
          - fromEndpoints: [{matchLabels: {app: web}}]
            toPorts:
            - ports: [{port: "8081", protocol: TCP}]
              rules:
                http: [{method: GET, path: "/api/.*"}]
          - fromEndpoints: [{matchLabels: {app: db}}]
            toPorts: [{ports: [{port: "8081", protocol: TCP}]}]
        """;

    [Fact]
    public void PairAllowedByAnL7Rule_NamesTheRule_AndItsHttpFilter()
    {
        var c = Manifest.Load(ApiHttp);

        var filter = Assert.Single(ProxyFilter.Between(new ClusterEvaluator(c), c.W("shop/web"), c.W("shop/api")));

        Assert.Equal("HTTP GET /api/.*", filter.Text);
        Assert.Equal("ingress[0]", filter.Rule);
        Assert.Equal(TrafficDirection.Ingress, filter.Direction);
        Assert.Contains("allowed at L4 and filtered by the proxy", filter.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void PairAllowedWithoutL7_OrNotAllowed_HasNoFilter()
    {
        var c = Manifest.Load(ApiHttp);
        var evaluator = new ClusterEvaluator(c);

        Assert.Empty(ProxyFilter.Between(evaluator, c.W("shop/db"), c.W("shop/api")));
        Assert.Empty(ProxyFilter.Between(evaluator, c.W("ops/monitor"), c.W("shop/api")));
    }

    [Fact]
    public void Explanation_KeepsTheL7Rule()
    {
        var c = Manifest.Load(ApiHttp);

        var text = new ClusterEvaluator(c).Explain(c.W("shop/web"), c.W("shop/api"), Connections.Protocol.TCP, 8081).ToString();

        Assert.Contains("L7 HTTP GET /api/.*: allowed at L4 and filtered by Cilium's proxy", text, StringComparison.Ordinal);
    }
}
