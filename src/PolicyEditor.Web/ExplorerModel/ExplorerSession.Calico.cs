using PolicyEditor.Engine.Dialects.Calico;
using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Reachability;
using PolicyEditor.Web.Workspace;

namespace PolicyEditor.Web.ExplorerModel;

/// <summary>Staged policies (Calico's staged kinds): what promoting one would change, and promoting it as an edit.</summary>
public sealed partial class ExplorerSession
{
    /// <summary>The changes that promote a staged policy of the draft and every connection they would change; null when the draft has no such staged policy.</summary>
    public async Task<StagedPromotion?> PromotionOfAsync(PolicyKey staged)
    {
        if (State?.Draft is not { } draft || draft.FindPolicy(staged) is not { } policy)
        {
            return null;
        }

        var changes = CalicoStaging.Promotion(draft, policy);
        return new StagedPromotion(staged, draft, changes, await ImpactOfAsync(changes));
    }

    /// <summary>Promotes a staged policy: an edit of the draft like any other (undo takes it back).</summary>
    public Task<bool> PromoteAsync(StagedPromotion promotion) =>
        ExecuteAsync(new EditPolicies(promotion.Changes, $"Promote the staged policy {promotion.Staged.Id}"));
}
