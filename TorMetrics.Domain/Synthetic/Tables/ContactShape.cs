namespace TorMetrics.Domain.Synthetic.Tables;

/// <summary>The forms contact lines take (see <see cref="RelayTables.Contacts"/>).</summary>
public enum ContactShape
{
    None,
    Mail,
    Ciiss,
    PgpAndMail,
    Other,
    Url,
}
