using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PolicyEditor.Manifests.Writing;

/// <summary>Numbers that are not whole (a Calico order such as 100.5).</summary>
internal sealed partial class YamlWriter
{
    public void Number(double value) =>
        _emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value.ToString("R", CultureInfo.InvariantCulture), ScalarStyle.Plain, true, false));
}
