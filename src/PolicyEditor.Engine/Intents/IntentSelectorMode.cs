namespace PolicyEditor.Engine.Intents;

/// <summary>How policies generated from intents select pods.</summary>
public enum IntentSelectorMode
{
    /// <summary>By the workloads' own stable labels: ready to apply with kubectl, no operator needed.</summary>
    WorkloadLabels,

    /// <summary>By the labels the Otterize intents operator adds to pods: to compare with what the operator will create.</summary>
    OtterizeLabels,
}
