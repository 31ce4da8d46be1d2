import LeadRoutingCore

/// Word lists for plausible names of agents, neighbourhoods and brokerages. No entry contains a comma,
/// quote or newline, so generated rows never need CSV quoting.
enum NameCatalog {
    static let firstNames = [
        "James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael", "Linda", "William", "Elizabeth",
        "David", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Charles", "Karen",
        "Christopher", "Lisa", "Daniel", "Nancy", "Matthew", "Betty", "Anthony", "Sandra", "Mark", "Margaret",
        "Donald", "Ashley", "Steven", "Kimberly", "Andrew", "Emily", "Paul", "Donna", "Joshua", "Michelle",
        "Kenneth", "Carol", "Kevin", "Amanda", "Brian", "Melissa", "George", "Deborah", "Timothy", "Stephanie",
        "Ryan", "Rebecca", "Jacob", "Laura", "Gary", "Sharon", "Nicholas", "Cynthia", "Eric", "Kathleen",
        "Jonathan", "Amy", "Stephen", "Angela", "Larry", "Shirley", "Justin", "Brenda", "Scott", "Emma",
        "Brandon", "Anna", "Benjamin", "Pamela", "Samuel", "Nicole", "Gregory", "Samantha", "Alexander", "Katherine",
        "Aisha", "Jamal", "Malik", "Keisha", "Tyrone", "Imani", "Darnell", "Latoya", "Noah", "Olivia",
    ]
    static let lastNames = [
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor",
        "Thomas", "Moore", "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis",
        "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Hill", "Green", "Adams",
        "Baker", "Nelson", "Carter", "Mitchell", "Roberts", "Turner", "Phillips", "Campbell", "Parker", "Evans",
        "Edwards", "Collins", "Stewart", "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson",
        "Reed", "Bailey", "Bell", "Kelly", "Howard", "Ward", "Cox", "Richardson", "Wood", "Watson",
        "Brooks", "Bennett", "Gray", "James", "Hughes", "Price", "Sanders", "Myers", "Long", "Ross",
        "Foster", "Powell", "Jenkins", "Perry", "Russell", "Sullivan", "Fisher", "Henderson", "Coleman", "Simmons",
        "O'Brien", "McCarthy", "Goldberg", "Cohen", "Rossi", "Russo", "Schmidt", "Muller", "Kowalski", "Murray",
    ]
    /// First and last names used (most of the time) for agents who speak the language.
    static let byLanguage: [String: (first: [String], last: [String])] = [
        "es": (
            [
                "Maria", "Jose", "Carlos", "Ana", "Luis", "Carmen", "Jorge", "Sofia", "Miguel", "Lucia", "Alejandro",
                "Valentina", "Diego", "Isabel", "Javier", "Gabriela", "Ricardo", "Daniela", "Fernando", "Rosa",
            ],
            [
                "Garcia", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Perez", "Sanchez", "Ramirez",
                "Torres", "Flores", "Rivera", "Gomez", "Diaz", "Reyes", "Morales", "Cruz", "Ortiz", "Gutierrez", "Castillo",
            ]
        ),
        "zh": (
            ["Wei", "Jing", "Li", "Xiu", "Ming", "Hui", "Jun", "Yan", "Lei", "Mei", "Chen", "Ying"],
            ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Lin", "Chan"]
        ),
        "ko": (
            ["Min-jun", "Seo-yeon", "Ji-hoon", "Ji-woo", "Hyun-woo", "Soo-ah", "Dong-hyun", "Eun-ji"],
            ["Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon"]
        ),
        "vi": (
            ["Anh", "Minh", "Linh", "Tuan", "Huong", "Duc", "Lan", "Quang"],
            ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Phan", "Vu", "Dang"]
        ),
        "ru": (
            ["Dmitri", "Olga", "Sergei", "Natalia", "Alexei", "Irina", "Ivan", "Svetlana"],
            ["Ivanov", "Petrova", "Smirnov", "Volkova", "Kuznetsov", "Popova", "Sokolov", "Morozova"]
        ),
        "pt": (
            ["Joao", "Ana", "Pedro", "Beatriz", "Rafael", "Mariana", "Thiago", "Camila"],
            ["Silva", "Santos", "Oliveira", "Souza", "Costa", "Pereira", "Almeida", "Ferreira"]
        ),
        "hi": (
            ["Priya", "Rahul", "Anjali", "Arjun", "Neha", "Vikram", "Pooja", "Sanjay"],
            ["Patel", "Shah", "Sharma", "Singh", "Gupta", "Kumar", "Desai", "Mehta"]
        ),
        "ar": (
            ["Omar", "Fatima", "Ahmed", "Layla", "Yusuf", "Amira", "Khalid", "Nour"],
            ["Haddad", "Khalil", "Nasser", "Saleh", "Mansour", "Aziz", "Hamdan", "Farah"]
        ),
    ]

    static let placePrefixes = ["", "", "", "North ", "South ", "East ", "West ", "Upper ", "Old ", "New ", "Lower "]
    static let placeRoots = [
        "Oak", "Maple", "Cedar", "River", "Lake", "Hill", "Spring", "Pine", "Elm", "Willow", "Brook", "Fair",
        "Green", "Glen", "Rose", "Stone", "Ash", "Mill", "Bridge", "Clear", "Forest", "Meadow", "Harbor", "Bay",
        "Summit", "Sunny", "Park", "Chester", "Wood", "Red", "White", "Silver", "Golden", "Highland", "Crest", "Kings",
    ]
    static let placeSuffixes = [
        "wood", "field", "view", "dale", "ton", "ville", "side", "ridge", "port", "haven", "brook", "mont",
        " Heights", " Park", " Gardens", " Village", " Hills", " Point", " Square", " Junction", " Landing", " Terrace",
    ]
    static let brokerageWords = [
        "Keystone", "Summit", "Harbor", "Liberty", "Crown", "Pinnacle", "Landmark", "Cornerstone", "Gateway", "Heritage",
        "Empire", "Beacon", "Compass", "Meridian", "Bluebird", "Evergreen", "Northstar", "Main Street", "Metro", "Skyline",
        "Hometown", "Anchor", "Oakwood", "Parkside", "Riverbend", "Lakeshore", "Copper", "Prime", "Urban", "Neighborhood",
    ]
    static let brokerageSuffixes = [
        "Realty", "Real Estate", "Properties", "Homes", "Realty Group", "Partners", "Associates", "Brokers", "Home Team",
    ]
}
