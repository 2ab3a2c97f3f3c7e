using System.Net;
using PolicyEditor.Engine.Evaluation;
using PolicyEditor.Engine.Flows;
using PolicyEditor.Engine.Model;

namespace PolicyEditor.Engine.Tests.Flows;

public class FlowMatcherTests
{
    private static readonly Cluster Cluster = Manifest.Load("""
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: cart, namespace: shop}
        spec:
          selector: {matchLabels: {app: cart}}
          template:
            metadata: {labels: {app: cart, tier: back}}
            spec: {containers: [{name: c}]}
        ---
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: cart-store, namespace: shop}
        spec:
          selector: {matchLabels: {app: cart-store}}
          template:
            metadata: {labels: {app: cart-store, tier: back}}
            spec: {containers: [{name: c}]}
        """);

    private static readonly FlowMatcher Matcher = new(Cluster);

    [Theory]
    [InlineData(null, "cart-7d9c5b8f4-x2k9z", "shop/cart[Deployment]")]
    [InlineData(null, "cart-store-0", "shop/cart-store[StatefulSet]")]
    [InlineData("cart-7d9c5b8f4-*", null, "shop/cart[Deployment]")]
    [InlineData("cart", null, "shop/cart[Deployment]")]
    [InlineData(null, "web", "shop/web[Pod]")]
    public void PodsAndWorkloads_AreMatchedByName(string? workload, string? pod, string expected)
    {
        var match = Matcher.Match(new FlowPeer("shop", pod, workload, LabelSet.Empty, null));

        Assert.Equal((expected, PeerMatchKind.Name), (match.Endpoint?.Id, match.Kind));
    }

    [Fact]
    public void APodOfUnknownName_IsMatchedByTheLabelsOfTheWorkloadThatFitsBest()
    {
        var labels = LabelSet.Of(("app", "cart"), ("tier", "back"), ("pod-template-hash", "7d9c5b8f4"));

        var match = Matcher.Match(new FlowPeer("shop", "renamed-1", null, labels, null));

        Assert.Equal(("shop/cart[Deployment]", PeerMatchKind.Labels), (match.Endpoint?.Id, match.Kind));
    }

    [Fact]
    public void APeerOutsideEveryNamespace_IsItsAddress()
    {
        var match = Matcher.Match(FlowPeer.OfAddress(IPAddress.Parse("203.0.113.9")));

        Assert.Equal(PeerMatchKind.Address, match.Kind);
        Assert.IsType<ExternalEndpoint>(match.Endpoint);
    }

    [Fact]
    public void AnAddressThatIsAPodsAddressInTheManifests_IsThatWorkload()
    {
        var withAddress = Cluster with
        {
            Workloads = Cluster.Workloads.Select(w => w.Name == "cart" ? w with { Addresses = ValueArray.Create(Addresses.Cidr.Parse("10.0.3.7/32")) } : w).ToValueArray(),
        };

        var match = new FlowMatcher(withAddress).Match(FlowPeer.OfAddress(IPAddress.Parse("10.0.3.7")));

        Assert.Equal(("shop/cart[Deployment]", PeerMatchKind.Address), (match.Endpoint?.Id, match.Kind));
    }

    [Theory]
    [InlineData("nowhere", "x", "the namespace nowhere has no workload")]
    [InlineData("shop", "ghost", "no workload of namespace shop has that name")]
    public void WhatCannotBeMatched_SaysWhy(string ns, string name, string why)
    {
        var match = Matcher.Match(FlowPeer.OfWorkload(ns, name));

        Assert.Null(match.Endpoint);
        Assert.Contains(why, match.Problem);
    }

    [Fact]
    public void HubbleHostTraffic_IsNotAWorkload()
    {
        var match = Matcher.Match(new FlowPeer(null, null, null, LabelSet.Of(("reserved:host", string.Empty)), IPAddress.Parse("10.0.0.1")));

        Assert.Null(match.Endpoint);
        Assert.Contains("host", match.Problem);
    }
}
