namespace TorMetrics.Domain.Synthetic.Writing;

/// <summary>
/// Collects the documents of one kind into CollecTor's per-run files (<c>&lt;run&gt;-server-descriptors</c> …): documents
/// arrive in publication order, so a later run time closes the previous file.
/// </summary>
public sealed class RunFileAppender(SyntheticOutput output, string folder, string suffix, int runMinute, string typeAnnotation) : IDisposable
{
    private readonly byte[] _annotation = System.Text.Encoding.ASCII.GetBytes("@type " + typeAnnotation + "\n");
    private DateTime _run;
    private FileStream? _file;

    public int Documents { get; private set; }

    public void Append(DateTime published, byte[] document)
    {
        var run = CollecTorRecentLayout.RunAfter(published, runMinute);
        if (_file is null || run != _run)
        {
            Close();
            _run = run;
            _file = output.Create(folder, CollecTorRecentLayout.Stamp(run) + suffix);
        }

        _file.Write(_annotation);
        _file.Write(document);
        output.Count(_annotation.Length + document.Length);
        Documents++;
    }

    public void Close()
    {
        _file?.Dispose();
        _file = null;
    }

    public void Dispose() => Close();
}
