namespace PolicyEditor.E2E.Hosting;

/// <summary>
/// The collection every browser test joins with <c>[Collection(WebAppCollection.Name)]</c>: one app
/// process and one browser for all of them, and the tests of the collection run one at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "PolicyEditor.Web";
}
