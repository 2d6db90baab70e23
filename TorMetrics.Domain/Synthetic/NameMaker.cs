using System.Globalization;
using System.Text;
using TorMetrics.Domain.Synthetic.Tables;

namespace TorMetrics.Domain.Synthetic;

/// <summary>Pronounceable made-up words for nicknames, operators and domains, and contact lines of each shape.</summary>
public static class NameMaker
{
    private const string Consonants = "bcdfghjklmnprstvwxz";
    private const string Vowels = "aeiouy";
    private static readonly string[] Tlds = ["org", "net", "de", "com", "nl", "se", "fr", "ch", "at", "io"];

    public static string Word(ref SyntheticRandom random, int length)
    {
        var text = new StringBuilder(length);
        bool vowel = random.Chance(.3);
        while (text.Length < length)
        {
            var letters = vowel ? Vowels : Consonants;
            text.Append(letters[random.Next(letters.Length)]);
            vowel = !vowel || random.Chance(.15);
        }

        return text.ToString();
    }

    public static string Capitalized(ref SyntheticRandom random, int length)
    {
        var word = Word(ref random, length);
        return char.ToUpperInvariant(word[0]) + word[1..];
    }

    /// <summary>A nickname of the shapes in <see cref="RelayTables"/>: Unnamed, or a word, maybe with digits.</summary>
    public static string Nickname(ref SyntheticRandom random, double unnamedShare)
    {
        if (random.Chance(unnamedShare))
        {
            return "Unnamed";
        }

        int length = (int)Math.Round(RelayTables.NicknameLength.Sample(ref random));
        bool digits = random.Chance(RelayTables.DigitSuffixShare);
        var digitText = digits ? random.Next(1, 100).ToString(CultureInfo.InvariantCulture) : string.Empty;
        int letters = Math.Clamp(length - digitText.Length, 3, 19 - digitText.Length);
        var word = random.Chance(.6) ? Capitalized(ref random, letters) : Word(ref random, letters);
        return word + digitText;
    }

    public static string Domain(ref SyntheticRandom random) =>
        Word(ref random, random.Next(5, 11)) + "." + Tlds[random.Next(Tlds.Length)];

    public static string? Contact(ContactShape shape, ref SyntheticRandom random)
    {
        var user = Word(ref random, random.Next(4, 9));
        var domain = Domain(ref random);
        var name = Capitalized(ref random, random.Next(4, 8)) + " " + Capitalized(ref random, random.Next(5, 10));
        return shape switch
        {
            ContactShape.None => null,
            ContactShape.Mail => random.Next(3) switch
            {
                0 => $"{user}@{domain}",
                1 => $"{name} <{user} AT {domain.Replace(".", " dot ", StringComparison.Ordinal)}>",
                _ => $"{user} [at] {domain.Replace(".", " [dot] ", StringComparison.Ordinal)}",
            },
            ContactShape.Ciiss =>
                $"email:{user}[]{domain} url:https://{domain} proof:uri-rsa abuse:abuse[]{domain} ciissversion:2",
            ContactShape.PgpAndMail =>
                $"0x{random.NextUInt64():X16} {name} <{user}@{domain}>",
            ContactShape.Url => $"https://{domain}/tor",
            _ => $"{name} - {Word(ref random, 6)} {Word(ref random, 5)}",
        };
    }
}
