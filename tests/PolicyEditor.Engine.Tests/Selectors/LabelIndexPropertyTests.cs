using PolicyEditor.Engine.Model;
using PolicyEditor.Engine.Selectors;

namespace PolicyEditor.Engine.Tests.Selectors;

/// <summary>
/// The label index, which indexes a key when a selector first asks for it, against checking every item: random label
/// sets (with a unique label per item, as generated pods carry) and random selectors of every operator, asked in a
/// random order so that keys are indexed at different points.
/// </summary>
public class LabelIndexPropertyTests
{
    private static readonly string[] Keys = ["app", "tier", "role", "env"];
    private static readonly string[] Values = ["a", "b", "c", "d"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Matching_EqualsCheckingEveryItem_WhateverKeysWereAskedBefore(int seed)
    {
        var random = new Random(seed);
        var items = Enumerable.Range(0, 200).Select(i => LabelSet.From(
            Keys.Where(_ => random.Next(3) > 0).Select(k => new KeyValuePair<string, string>(k, Values[random.Next(Values.Length)]))
                .Append(new KeyValuePair<string, string>("pod-template-hash", $"h{i}")))).ToList();
        var index = new LabelIndex(items);

        for (var s = 0; s < 300; s++)
        {
            var selector = RandomSelector(random);
            var expected = Enumerable.Range(0, items.Count).Where(i => selector.Matches(items[i])).ToList();

            Assert.Equal(expected, index.Matching(selector));
            var candidates = index.Candidates(selector);
            if (candidates is not null)
            {
                Assert.Subset(new HashSet<int>(candidates), new HashSet<int>(expected));
                Assert.Equal(candidates.Order().Distinct(), candidates);
            }
        }
    }

    private static LabelSelector RandomSelector(Random random)
    {
        var labels = LabelSet.From(Enumerable.Range(0, random.Next(0, 2))
            .Select(_ => new KeyValuePair<string, string>(random.Next(6) == 0 ? "pod-template-hash" : Keys[random.Next(Keys.Length)], Values[random.Next(Values.Length)])));
        var expressions = Enumerable.Range(0, random.Next(0, 3)).Select(_ =>
        {
            var op = (SelectorOperator)random.Next(4);
            var values = op is SelectorOperator.In or SelectorOperator.NotIn
                ? Values.Where(_ => random.Next(2) == 0).DefaultIfEmpty(Values[0]).ToValueArray()
                : ValueArray<string>.Empty;
            return new LabelRequirement(Keys[random.Next(Keys.Length)], op, values);
        }).ToValueArray();
        return new LabelSelector(labels, expressions);
    }
}
