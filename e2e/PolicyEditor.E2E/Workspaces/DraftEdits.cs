namespace PolicyEditor.E2E.Workspaces;

/// <summary>Policy text the browser tests type into the YAML pane to give the shop sample's draft a change.</summary>
internal static class DraftEdits
{
    /// <summary>A default deny of ingress in monitoring (prometheus loses its scrapers), ending with a document separator so it can go before the pane's text.</summary>
    public const string DenyMonitoringIngress = """
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata:
          name: monitoring-deny-ingress
          namespace: monitoring
        spec:
          podSelector: {}
          policyTypes:
          - Ingress
        ---

        """;
}
