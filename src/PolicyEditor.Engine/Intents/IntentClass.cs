namespace PolicyEditor.Engine.Intents;

/// <summary>How a declared call and the policies agree.</summary>
public enum IntentClass
{
    /// <summary>Declared, and the policies allow it.</summary>
    IntendedAllowed,

    /// <summary>Declared, but the policies block it (or part of it): the app will break.</summary>
    IntendedBlocked,

    /// <summary>Allowed by the policies, but no client declared it: a least-privilege gap.</summary>
    AllowedNotIntended,
}
