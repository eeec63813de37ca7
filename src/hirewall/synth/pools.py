"""Vocabularies the synthetic world draws from: names, places, streets, software, devices.

Names come from ONE shared, culturally mixed pool used for every record whatever its role,
so a name never carries a signal. Places are real cities with a real ZIP or postcode and
the telephone area code that serves them; streets are common US street names.
"""

from __future__ import annotations

# fmt: off
# Given names: (display, weight). Weights are rough popularity so that common names collide.
GIVEN_NAMES: tuple[tuple[str, int], ...] = (
    ("Michael", 30), ("James", 26), ("John", 24), ("David", 24), ("Robert", 20), ("William", 16),
    ("Daniel", 18), ("Matthew", 14), ("Christopher", 14), ("Joseph", 12), ("Andrew", 12), ("Ryan", 10),
    ("Mary", 20), ("Jennifer", 16), ("Jessica", 14), ("Sarah", 16), ("Emily", 14), ("Ashley", 10),
    ("Elizabeth", 12), ("Laura", 10), ("Rachel", 8), ("Megan", 8), ("Olivia", 8), ("Emma", 8),
    ("Maria", 24), ("José", 12), ("Juan", 12), ("Carlos", 12), ("Luis", 10), ("Ana", 10),
    ("Sofia", 8), ("Diego", 8), ("Gabriela", 6), ("Alejandro", 6), ("Lucia", 6), ("Mateus", 4),
    ("Wei", 16), ("Jing", 10), ("Li", 10), ("Xiaoming", 4), ("Yan", 8), ("Hao", 6), ("Mei", 6),
    ("Priya", 12), ("Rahul", 10), ("Amit", 10), ("Ananya", 6), ("Vikram", 6), ("Sanjay", 8),
    ("Deepika", 4), ("Arjun", 8), ("Neha", 8), ("Rohan", 6), ("Aisha", 6), ("Fatima", 8),
    ("Mohammed", 14), ("Ahmed", 10), ("Omar", 8), ("Yusuf", 6), ("Layla", 4), ("Hassan", 6),
    ("Anh", 8), ("Minh", 8), ("Linh", 6), ("Thanh", 4), ("Tuan", 4), ("Huong", 4),
    ("Ji-woo", 4), ("Min-jun", 4), ("Seo-yeon", 4), ("Hyun", 4), ("Jae", 4), ("Soo-jin", 4),
    ("Hiroshi", 4), ("Yuki", 6), ("Kenji", 4), ("Haruto", 4), ("Sakura", 4), ("Takumi", 4),
    ("Mark", 8), ("Paul", 8), ("Kevin", 8), ("Brian", 8), ("Jason", 8), ("Eric", 8),
    ("Angelica", 4), ("Jericho", 2), ("Rizal", 2), ("Maricel", 2), ("Jomar", 2),
    ("Piotr", 4), ("Katarzyna", 4), ("Tomasz", 4), ("Agnieszka", 4), ("Oleksandr", 4),
    ("Olena", 4), ("Andriy", 4), ("Iryna", 4), ("Dmitri", 4), ("Natalia", 6), ("Ivan", 6),
    ("Chinedu", 4), ("Ngozi", 4), ("Oluwaseun", 4), ("Kwame", 4), ("Amara", 4), ("Tendai", 2),
    ("Lukas", 4), ("Hannah", 8), ("Sophie", 6), ("Jonas", 4), ("Léa", 4), ("Chloé", 4),
    ("Noah", 8), ("Liam", 8), ("Ethan", 8), ("Ava", 8), ("Isabella", 8), ("Mia", 8),
)

FAMILY_NAMES: tuple[tuple[str, int], ...] = (
    ("Smith", 30), ("Johnson", 24), ("Williams", 20), ("Brown", 20), ("Jones", 18), ("Miller", 14),
    ("Davis", 14), ("Wilson", 10), ("Anderson", 10), ("Taylor", 10), ("Thomas", 10), ("Moore", 8),
    ("Jackson", 8), ("Martin", 8), ("Lee", 16), ("Thompson", 8), ("White", 8), ("Harris", 8),
    ("Clark", 6), ("Lewis", 6), ("Walker", 6), ("Hall", 6), ("Young", 6), ("King", 6),
    ("Garcia", 24), ("Rodriguez", 18), ("Martinez", 18), ("Hernandez", 16), ("Lopez", 14),
    ("Gonzalez", 14), ("Perez", 10), ("Sanchez", 10), ("Ramirez", 8), ("Torres", 8), ("Flores", 8),
    ("Silva", 8), ("Santos", 8), ("Oliveira", 6), ("Costa", 4), ("Pereira", 4),
    ("Zhang", 16), ("Wang", 16), ("Li", 14), ("Liu", 12), ("Chen", 14), ("Yang", 8), ("Huang", 8),
    ("Zhao", 6), ("Wu", 8), ("Zhou", 6), ("Lin", 8),
    ("Patel", 18), ("Sharma", 12), ("Singh", 14), ("Kumar", 14), ("Gupta", 8), ("Reddy", 6),
    ("Iyer", 4), ("Nair", 4), ("Das", 6), ("Rao", 6),
    ("Khan", 14), ("Ali", 10), ("Hussain", 6), ("Rahman", 6), ("Ahmed", 8), ("Haddad", 4),
    ("Nguyen", 18), ("Tran", 10), ("Le", 8), ("Pham", 8), ("Hoang", 4), ("Vu", 4),
    ("Kim", 16), ("Park", 12), ("Choi", 6), ("Jung", 4), ("Kang", 4), ("Cho", 4),
    ("Sato", 6), ("Suzuki", 6), ("Takahashi", 4), ("Tanaka", 6), ("Watanabe", 4), ("Ito", 4),
    ("Reyes", 8), ("Cruz", 8), ("Bautista", 4), ("Villanueva", 4), ("Mendoza", 6), ("Aquino", 4),
    ("Kowalski", 4), ("Nowak", 6), ("Wiśniewski", 4), ("Wójcik", 2), ("Shevchenko", 4),
    ("Kovalenko", 4), ("Bondarenko", 4), ("Ivanov", 6), ("Petrov", 4), ("Smirnov", 4),
    ("Okafor", 4), ("Adeyemi", 4), ("Mensah", 4), ("Okonkwo", 4), ("Mwangi", 4), ("Diallo", 4),
    ("Müller", 6), ("Schmidt", 6), ("Schneider", 4), ("Fischer", 4), ("Dubois", 4), ("Lefèvre", 2),
    ("O'Brien", 6), ("Murphy", 8), ("Kelly", 6), ("Sullivan", 4), ("Cohen", 6), ("Levy", 4),
)

# Name pairs forced into common-name collision groups (benign confounder `common_name`).
COMMON_FULL_NAMES: tuple[tuple[str, str], ...] = (
    ("Michael", "Smith"), ("Wei", "Zhang"), ("Maria", "Garcia"), ("Mohammed", "Khan"),
    ("Anh", "Nguyen"), ("Priya", "Patel"), ("James", "Johnson"), ("Jennifer", "Kim"),
    ("David", "Lee"), ("José", "Rodriguez"),
)

# US cities: (city, state, (ZIP codes), (area codes), IANA time zone, UTC offset in winter).
US_CITIES: tuple[tuple[str, str, tuple[str, ...], tuple[int, ...], str, int], ...] = (
    ("New York", "NY", ("10001", "10025", "10463"), (212, 646, 917), "America/New_York", -5),
    ("Brooklyn", "NY", ("11201", "11215", "11226"), (718, 347), "America/New_York", -5),
    ("Boston", "MA", ("02108", "02115", "02130"), (617, 857), "America/New_York", -5),
    ("Philadelphia", "PA", ("19103", "19130", "19147"), (215, 267), "America/New_York", -5),
    ("Pittsburgh", "PA", ("15213", "15217"), (412,), "America/New_York", -5),
    ("Washington", "DC", ("20001", "20009"), (202,), "America/New_York", -5),
    ("Baltimore", "MD", ("21201", "21224"), (410, 443), "America/New_York", -5),
    ("Arlington", "VA", ("22201", "22204"), (703, 571), "America/New_York", -5),
    ("Raleigh", "NC", ("27601", "27609"), (919,), "America/New_York", -5),
    ("Charlotte", "NC", ("28202", "28277"), (704, 980), "America/New_York", -5),
    ("Atlanta", "GA", ("30303", "30309", "30318"), (404, 678, 470), "America/New_York", -5),
    ("Miami", "FL", ("33101", "33130", "33156"), (305, 786), "America/New_York", -5),
    ("Orlando", "FL", ("32801", "32819"), (407, 321), "America/New_York", -5),
    ("Tampa", "FL", ("33602", "33629"), (813,), "America/New_York", -5),
    ("Columbus", "OH", ("43215", "43201"), (614,), "America/New_York", -5),
    ("Detroit", "MI", ("48201", "48226"), (313,), "America/Detroit", -5),
    ("Chicago", "IL", ("60601", "60614", "60647"), (312, 773, 872), "America/Chicago", -6),
    ("Springfield", "IL", ("62701", "62704"), (217,), "America/Chicago", -6),
    ("Minneapolis", "MN", ("55401", "55408"), (612,), "America/Chicago", -6),
    ("Milwaukee", "WI", ("53202", "53211"), (414,), "America/Chicago", -6),
    ("St. Louis", "MO", ("63101", "63110"), (314,), "America/Chicago", -6),
    ("Nashville", "TN", ("37203", "37206"), (615, 629), "America/Chicago", -6),
    ("Dallas", "TX", ("75201", "75204", "75230"), (214, 469, 972), "America/Chicago", -6),
    ("Austin", "TX", ("78701", "78704", "78745"), (512, 737), "America/Chicago", -6),
    ("Houston", "TX", ("77002", "77006", "77084"), (713, 281, 832), "America/Chicago", -6),
    ("San Antonio", "TX", ("78205", "78249"), (210,), "America/Chicago", -6),
    ("Denver", "CO", ("80202", "80218"), (303, 720), "America/Denver", -7),
    ("Salt Lake City", "UT", ("84101", "84105"), (801, 385), "America/Denver", -7),
    ("Phoenix", "AZ", ("85004", "85016"), (602, 480), "America/Phoenix", -7),
    ("Scottsdale", "AZ", ("85251", "85260"), (480,), "America/Phoenix", -7),
    ("Los Angeles", "CA", ("90012", "90026", "90034"), (213, 323, 310), "America/Los_Angeles", -8),
    ("San Diego", "CA", ("92101", "92122"), (619, 858), "America/Los_Angeles", -8),
    ("San Francisco", "CA", ("94103", "94110", "94117"), (415, 628), "America/Los_Angeles", -8),
    ("San Jose", "CA", ("95112", "95126"), (408, 669), "America/Los_Angeles", -8),
    ("Sacramento", "CA", ("95814", "95819"), (916,), "America/Los_Angeles", -8),
    ("Seattle", "WA", ("98101", "98115", "98122"), (206,), "America/Los_Angeles", -8),
    ("Portland", "OR", ("97201", "97214"), (503, 971), "America/Los_Angeles", -8),
    ("Las Vegas", "NV", ("89101", "89123"), (702,), "America/Los_Angeles", -8),
)

# Other countries: (country, city, region, (postcodes), IANA zone, UTC offset in winter).
FOREIGN_CITIES: tuple[tuple[str, str, str, tuple[str, ...], str, int], ...] = (
    ("CA", "Toronto", "ON", ("M5V 2T6", "M4C 1B5"), "America/Toronto", -5),
    ("CA", "Vancouver", "BC", ("V6B 1A1", "V5K 0A1"), "America/Vancouver", -8),
    ("GB", "London", "", ("SW1A 1AA", "E1 6AN", "N1 9GU"), "Europe/London", 0),
    ("GB", "Manchester", "", ("M1 1AE", "M14 5TP"), "Europe/London", 0),
    ("DE", "Berlin", "BE", ("10115", "10245"), "Europe/Berlin", 1),
    ("DE", "Munich", "BY", ("80331", "80469"), "Europe/Berlin", 1),
    ("FR", "Paris", "IDF", ("75011", "75015"), "Europe/Paris", 1),
    ("FR", "Lyon", "ARA", ("69001", "69003"), "Europe/Paris", 1),
    ("PL", "Warsaw", "MZ", ("00-001", "02-495"), "Europe/Warsaw", 1),
    ("PL", "Krakow", "MA", ("30-001", "31-042"), "Europe/Warsaw", 1),
    ("UA", "Kyiv", "", ("01001", "02000"), "Europe/Kyiv", 2),
    ("UA", "Lviv", "", ("79000", "79005"), "Europe/Kyiv", 2),
    ("IN", "Bengaluru", "KA", ("560001", "560034"), "Asia/Kolkata", 5),
    ("IN", "Pune", "MH", ("411001", "411014"), "Asia/Kolkata", 5),
    ("PH", "Makati", "Metro Manila", ("1200", "1226"), "Asia/Manila", 8),
    ("PH", "Cebu City", "Cebu", ("6000",), "Asia/Manila", 8),
    ("BR", "Sao Paulo", "SP", ("01001-000", "04538-133"), "America/Sao_Paulo", -3),
    ("MX", "Mexico City", "CDMX", ("06600", "03100"), "America/Mexico_City", -6),
    ("MX", "Guadalajara", "JAL", ("44100", "44600"), "America/Mexico_City", -6),
    ("JP", "Tokyo", "Tokyo", ("100-0001", "150-0002"), "Asia/Tokyo", 9),
    ("KR", "Seoul", "Seoul", ("04524", "06236"), "Asia/Seoul", 9),
    ("SG", "Singapore", "", ("018956", "238859"), "Asia/Singapore", 8),
    ("VN", "Ho Chi Minh City", "", ("700000",), "Asia/Ho_Chi_Minh", 7),
    ("VN", "Hanoi", "", ("100000",), "Asia/Ho_Chi_Minh", 7),
)

# (calling code, national mobile prefix, digits after the prefix, trunk prefix) per country.
PHONE_PLANS: dict[str, tuple[str, str, int, str]] = {
    "CA": ("1", "416", 7, ""), "GB": ("44", "77", 8, "0"), "DE": ("49", "151", 8, "0"),
    "FR": ("33", "6", 8, "0"), "PL": ("48", "51", 7, ""), "UA": ("380", "67", 7, "0"),
    "IN": ("91", "98", 8, "0"), "PH": ("63", "917", 7, "0"), "BR": ("55", "119", 8, ""),
    "MX": ("52", "55", 8, ""), "JP": ("81", "90", 8, "0"), "KR": ("82", "10", 8, "0"),
    "SG": ("65", "8", 7, ""), "VN": ("84", "91", 7, "0"),
}

STREET_NAMES: tuple[str, ...] = (
    "Main", "Oak", "Maple", "Pine", "Cedar", "Elm", "Washington", "Lake", "Hill", "Park",
    "Walnut", "Sunset", "Lincoln", "Jackson", "Franklin", "Highland", "Jefferson", "Ridge",
    "Willow", "Chestnut", "Spruce", "Madison", "Church", "Adams", "River", "Meadow", "Forest",
    "Cherry", "Dogwood", "Magnolia", "Hickory", "Sycamore", "Birch", "Valley", "Mill", "Spring",
    "Prospect", "Union", "Broad", "Market", "Grant", "Green", "Liberty", "Mountain View",
    "Orchard", "Harbor", "Laurel", "Poplar", "Aspen", "Juniper", "Fairview", "Woodland",
)
# (full spelling, USPS abbreviation) - both are written, so keys must meet.
STREET_TYPES: tuple[tuple[str, str], ...] = (
    ("Street", "St"), ("Avenue", "Ave"), ("Road", "Rd"), ("Drive", "Dr"), ("Lane", "Ln"),
    ("Boulevard", "Blvd"), ("Court", "Ct"), ("Place", "Pl"), ("Way", "Way"), ("Terrace", "Ter"),
)
UNIT_STYLES: tuple[str, ...] = ("Apt {}", "#{}", "Unit {}", "Apt. {}", "APT {}", "# {}", "Suite {}")

FREEMAIL: tuple[str, ...] = (
    "gmail.com", "gmail.com", "gmail.com", "outlook.com", "yahoo.com", "hotmail.com", "icloud.com",
    "proton.me", "aol.com",
)
OPERATOR_FREEMAIL: tuple[str, ...] = ("gmail.com", "outlook.com", "proton.me", "hotmail.com")

JOB_TITLES: tuple[str, ...] = (
    "Software Engineer", "Senior Software Engineer", "Backend Developer", "Frontend Developer",
    "Full Stack Developer", "Data Engineer", "Data Analyst", "DevOps Engineer", "QA Engineer",
    "Mobile Developer", "Product Manager", "Project Manager", "Business Analyst", "UX Designer",
    "Account Executive", "Customer Success Manager", "Recruiter", "Financial Analyst",
    "Accountant", "Marketing Specialist", "Blockchain Developer", "Machine Learning Engineer",
)
IT_TITLES: tuple[str, ...] = ("IT Support Specialist", "Systems Administrator", "Help Desk Technician")

SKILLS: tuple[str, ...] = (
    "Python", "Java", "Go", "TypeScript", "React", "Node.js", "Kubernetes", "AWS", "Terraform",
    "PostgreSQL", "Django", "Spring Boot", "GraphQL", "Rust", "Solidity", "Kafka", "Spark",
    "C#", ".NET", "Swift", "Kotlin", "Vue.js", "Angular", "Docker", "Redis", "Elasticsearch",
    "Figma", "Salesforce", "SQL", "Tableau", "Excel", "Jira", "PyTorch", "TensorFlow", "Airflow",
)
COMPANIES: tuple[str, ...] = (
    "Acme Corp", "Globex", "Initech", "Umbrella Health", "Stark Logistics", "Wayne Financial",
    "Hooli", "Vandelay Industries", "Soylent Foods", "Cyberdyne Systems", "Tyrell Analytics",
    "Wonka Retail", "Massive Dynamic", "Oscorp Media", "Pied Piper", "Aperture Labs",
)
VERBS: tuple[str, ...] = (
    "Built", "Designed", "Led", "Maintained", "Migrated", "Optimised", "Automated", "Delivered",
    "Implemented", "Refactored", "Scaled", "Launched",
)
OBJECTS: tuple[str, ...] = (
    "a payments API", "the customer dashboard", "CI/CD pipelines", "a data warehouse",
    "microservices", "the mobile app", "internal tooling", "a recommendation engine",
    "reporting workflows", "a smart-contract platform", "monitoring and alerting", "the billing system",
)

# Legitimate firms (fictional) used as real vendors; fronts are lookalikes of these.
LEGIT_FIRMS: tuple[tuple[str, str], ...] = (
    ("Brightpath Technologies", "brightpathtech.com"), ("Northwind Consulting", "northwindconsult.com"),
    ("Bluefin Software Group", "bluefinsoftware.com"), ("Cobalt Ridge Solutions", "cobaltridge.io"),
    ("Keystone Digital", "keystonedigital.com"), ("Silverline IT Services", "silverline-it.com"),
    ("Harbor Point Systems", "harborpointsys.com"), ("Evergreen Data Labs", "evergreendatalabs.com"),
)
STAFFING_AGENCY: tuple[str, str] = ("Summit Talent Partners", "summittalent.com")

INSTITUTIONS: tuple[str, ...] = (
    "Chase", "Bank of America", "Wells Fargo", "Citibank", "U.S. Bank", "PNC Bank", "Capital One",
    "TD Bank", "Ally Bank", "Navy Federal Credit Union", "Truist", "Charles Schwab Bank",
)
SUMMARIES: tuple[str, ...] = (
    "Results-driven engineer who enjoys turning vague requirements into reliable software.",
    "Detail-oriented professional with a track record of shipping on time in agile teams.",
    "Self-motivated developer passionate about clean, maintainable and well-tested code.",
    "Collaborative team player who mentors juniors and owns features end to end.",
    "Pragmatic problem solver comfortable across the stack and in fast-moving startups.",
    "Analytical thinker who likes measuring outcomes and improving them release by release.",
    "Hands-on builder with experience in remote, distributed teams across time zones.",
    "Customer-focused specialist who translates business needs into technical solutions.",
    "Curious learner who picks up new frameworks quickly and documents what he or she learns.",
    "Experienced contributor to high-traffic systems with a focus on performance and security.",
)
APPLICATIONS: tuple[str, ...] = (
    "Okta Dashboard", "Microsoft 365", "Slack", "GitHub", "Jira", "Zoom", "Google Workspace", "Salesforce",
)
# fmt: on
