using System.Runtime.InteropServices;

namespace PolicyEditor.Cli.Inputs;

/// <summary>What a path names on disk. Only regular files are ever opened: opening a FIFO would wait for a writer forever.</summary>
internal enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    Device,
    Socket,
    Other,
}

/// <summary>
/// The kind of a path without opening it. .NET reports a FIFO or a device as an ordinary file, so on Unix
/// this asks the runtime's own native shim (System.Native, shipped with every .NET runtime) for the
/// file's mode; the fields read (flags, then mode) head its stable status record.
/// </summary>
internal static partial class FileKinds
{
    private const int TypeMask = 0xF000;

    /// <summary>The kind of <paramref name="path"/> itself (a link is reported as a link).</summary>
    public static FileKind Of(string path) => Query(path, followLinks: false);

    /// <summary>The kind of what <paramref name="path"/> finally names, following links.</summary>
    public static FileKind Target(string path) => Query(path, followLinks: true);

    /// <summary>A kind in words, for messages.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.Device => "a device",
        FileKind.Socket => "a socket",
        FileKind.Directory => "a folder",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Missing => "missing",
        _ => "not a regular file",
    };

    private static FileKind Query(string path, bool followLinks)
    {
        if (OperatingSystem.IsWindows())
        {
            return ByAttributes(path, followLinks);
        }

        try
        {
            var status = default(FileStatus);
            var result = followLinks ? Stat(path, out status) : LStat(path, out status);
            if (result != 0)
            {
                return FileKind.Missing;
            }

            return (status.Mode & TypeMask) switch
            {
                0x8000 => FileKind.Regular,
                0x4000 => FileKind.Directory,
                0xA000 => FileKind.SymbolicLink,
                0x1000 => FileKind.Fifo,
                0x2000 or 0x6000 => FileKind.Device,
                0xC000 => FileKind.Socket,
                _ => FileKind.Other,
            };
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return ByAttributes(path, followLinks);
        }
    }

    /// <summary>What .NET itself can tell: enough where there are no FIFOs or devices in the file system.</summary>
    private static FileKind ByAttributes(string path, bool followLinks)
    {
        FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
        if (!info.Exists && info.LinkTarget is null)
        {
            return FileKind.Missing;
        }

        if (info.LinkTarget is not null)
        {
            if (!followLinks)
            {
                return FileKind.SymbolicLink;
            }

            var target = info.ResolveLinkTarget(returnFinalTarget: true);
            return target is null || !target.Exists ? FileKind.Missing : target is DirectoryInfo ? FileKind.Directory : FileKind.Regular;
        }

        return info is DirectoryInfo ? FileKind.Directory : FileKind.Regular;
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, out FileStatus status);

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_LStat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int LStat(string path, out FileStatus status);

    /// <summary>The head of System.Native's file status; sized generously so the shim never writes past it.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 512)]
    private struct FileStatus
    {
        public int Flags;
        public int Mode;
    }
}
