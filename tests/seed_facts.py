"""Facts drawn from the seed pages (``tests/seeds/``) that the built sites must show.

``*_SEED_FACTS`` are quoted word for word from a seed (once its mojibake is repaired and its
Markdown markup dropped); ``test_sites.py`` checks both that each one really is in the seed and
that it reaches the built HTML. ``*_RESTATED_FACTS`` say a seed fact in the site's own words
(a leaderboard image described in text, a publication record from publications-facts.md).
"""

# The seeds' curly quotes and mojibake are the data under test, not typos.
# ruff: noqa: RUF001, RUF003

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import ftfy

# A copy of the team's ../shared/seeds/, kept here so a clean clone tests on its own.
SEEDS_DIR = Path(__file__).resolve().parent / "seeds"
AKASH_2022 = "000_17d18ef3ef0106e6.txt"
AKASH_2020 = "001_abb5e3272291eacb.txt"
VINAY = "004_715b7e4ef1f915c0.txt"

# What Mac Roman mojibake of UTF-8 leaves behind: "‚Ä¢" for "•", "¬†" for a no-break space, and
# the Apple logo (U+F8FF, Mac Roman 0xF0) that every 4-byte emoji starts with.
MOJIBAKE_MARKERS = ("‚Ä", "¬†", "\uf8ff", "üë", "√∑")


def repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as Mac Roman, line by line.

    ftfy repairs most lines; it leaves a few where the Apple logo or "√∑" (for "÷") appear, and
    those lines round-trip exactly through Mac Roman. Curly quotes are kept: they were intended.
    """
    repaired = []
    for line in text.splitlines():
        fixed = ftfy.fix_text(line, uncurl_quotes=False)
        if any(marker in fixed for marker in MOJIBAKE_MARKERS):
            with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
                fixed = line.encode("mac_roman").decode("utf-8")
        repaired.append(fixed)
    return "\n".join(repaired)


def normalise(text: str) -> str:
    """Collapse every run of whitespace (no-break spaces included) to one space."""
    return " ".join(text.split())


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKUP = re.compile(r"<br>|[*`]")


def seed_plain_text(name: str) -> str:
    """The seed's words without Markdown links, emphasis, code ticks or ``<br>``."""
    text = repair_mojibake((SEEDS_DIR / name).read_text(encoding="utf-8"))
    text = _MD_LINK.sub(r"\1", text)
    return normalise(_MD_MARKUP.sub("", text))


AKASH_2022_SEED_FACTS = [
    "akashpalrecha@gmail.com",
    "I really love tinkering with anything and everything to do with deep learning and computer "
    "vision",
    "composing mind bending and beautiful drum parts in my head, and play them on a kit whenever "
    "I get the chance",
    "I've also recently started going for boxing classes and been loving it so far",
    "Current interests / upcoming pursuits: high performance computing, reinforcement learning & "
    "compilers",
    "building the entire machine learning framework for geospatial data",
    "(data, training, testing, deploying, etc. etc. the usual)",
    "that's launching the world's first constellation of hyperspectral satellites",
    "It was founded by my college seniors and I've been involved here on-and-off since my second "
    "year of college, so it's really quite like home to me.",
    "I graduated with distinction from BITS Pilani with a Masters in Mathematics",
    "helps-out-when-needed-Research-Assistant",
    "my long time collaborator Siddhant Kharbanda (real life permanent RA) at Aalto University "
    "under Rohit Babbar",
    "challenging extreme machine learning problems (classification with a million classes)",
    "previous state-of-the-art approaches by competing teams from Microsoft, Amazon and the like",
    "getting published in EMNLP this year (2022)",
    "Kharbanda did most of the work, tbh",
    "final year thesis at Harvard University's Visual Computing Group under professor Hanspeter "
    "Pfister",
    "SoTA methods for image deblurring, super-resolution, and video instance segmentation",
    "published in CVPR 2022!",
    "I contributed to what was majorly Kharbanda's work",
    "I became a FastAI International Fellow! This was one of my best moments in the past few "
    "years.",
    "I spent a semester as a Teaching Assistant for BITS Pilani's flagship AI course: Neural "
    "Networks and Fuzzy Logic.",
    "doing work that I love (for the most part) and on my own terms (for the most part)",
    "Best decisions ever",
    "I dropped a year after school to explore life outside academia with no constraints and "
    "external expectations.",
    "upstarts like AIESEC and One4all in Surat and learned a lot of things that still help me "
    "every single day",
    "I also dropped my EEE degree in my second year in college to better focus full-time on AI/DL.",
    "Painfully spending time in my second year and beyond to help Kharbanda understand ML/DL in "
    "his initial deep-learning years",
    "You can expect me to take otherwise unconventional decisions quite frequently as long as "
    "they seem rational.",
    "I try and avoid the mental inertia, and like putting my big troubles first on my to-do list "
    "and not under the rug.",
]

AKASH_2020_SEED_FACTS = [
    "Hi, I'm Akash.",
    "github.com/akashpalrecha",
    "I work as an AI Researcher in a Space-tech startup (Pixxel) that is building a "
    "constellation of earth-imaging small satellites 🛰 to provide an entirely new kind of "
    "dataset of the earth that today’s satellites aren’t capable of.",
    "MSc. Mathematics degree in Birla Institute of Technology and Science, Pilani as a pre-final "
    "year student",
    "My best work primarily centres around making AI algorithms for solving computer vision "
    "problems such as classification and segmentation.",
    "transfer learning, optimizers, interpretability and everything that lowers the number of "
    "resources required to do great, world-class work and makes deep learning more accessible",
    "I like reading new research papers every week",
    "One such problem I believe in is making AI accessible.",
    "Jeremy Howard's (Co-Founder, Fast.ai) approach to AI",
    "Fast.ai's core philisophy of making neural nets uncool again",
    "I like helping out college students to get into deep learning. I also play drums with my "
    "college band in BITS Pilani's Music Club.",
    "We make new songs all the time and have a great time jamming together every day!",
    # Experience, 2018-2020
    "AI Lead, Pixxel",
    "Currently leading teams for: Infrastructure Monitoring, Land Cover Classification, Crop "
    "classification.",
    "Manage, recuirt for the AI team",
    "Setup labeling procedures for Proprietary Data",
    "Managed creation of a new Proprietary Dataset for Indian Roads in Satellite Imagery.",
    "Built a SoTA Drought Detection model (using satellite imagery)",
    "Planned and executed creation of some internal data pre-processing tools.",
    "AI Researcher, Pixxel",
    "Training period: reading latest CV Research, getting comfortable with the cloud",
    "Internal literature review on road segmentation from Satellite imagery",
    "Built initial LinkNet model for Road segmentatation.",
    # A day in my life
    "A day in my life",
    "College classes.",
    "Finding new, impactful Research papers to send to my Kindle (Twitter's AI Community helps).",
    "Work in Pixxel AI, and on personal research projects.",
    "Binge-surfing forums.fast.ai",
    "Go Run!",
    "Jam/Compose with my band post dinner (I play drums!)",
    "Learn, learn, learn!",
    # Working on / learning
    "A modification to Batchnorm layers that doesn't require mean or variance parameters and "
    "gives comparable or better performance. (personal research)",
    "A general method to classify images using deep models by taking assitance from query images.",
    "FastAI V2",
    "Part 2 (lecture 12) of FastAI's Deep Learning Course",
    "(Week 8) CS50's Web Programming with Python and Javascript",
    # Blogs / tutorials
    "An Inquiry Into Matplotlib's Figures",
    "on Matplotlib's Official Blog!",
    "Talks in depth about some of matplotlib's foundational concepts involving Figures, Axes, "
    "and GridSpec",
    "(Tutorial+Code) Using your own pre-trained models in FastAI",
    "Shows how to use your own pretrained models in the FastAI library along with pre-written "
    "functions to allow you to do so in just 3 lines of code.",
    "blogs coming soon",
    # Projects: training deep models
    "Lookahead Optimizer Analysis",
    "Lookahead Optimizer: k steps forward, 1 step back",
    "Closely simulates experiments run by Geoffrey Hinton in the paper linked to above.",
    "which can essentially wrap around any existing state-of-the-art optimizers and increase "
    "their performance",
    "The results I've achieved very closely agree with those in the paper.",
    "Lookahead+SGD",
    "lowest validation loss",
    "AdamW, SGD, RMSProp",
    "CIFAR10",
    "CIFAR100",
    "Imagenette (A representative subset of Imagenet created by Jeremy Howard to accelerate "
    "research)",
    "Lookahead Optimizer Project",
    "akashpalrecha/Lookahead",
    "Drought Detection Challenge: #1 on Weights and Biases Leaderboard",
    "This is a small part of my work in Pixxel that is public.",
    "This challenge provides a dataset to detect areas of the earth affected by drought using "
    "satellite imagery.",
    "I trained the model for this challenge using PyTorch and am currently (as of 13 Jan, 2020) "
    "#1 on the leaderboard since September 2019.",
    "akashpalrecha/drought-watch",
    "Toxic Comments Classification using ULMFiT: Kaggle Competition",
    "very quick model built to solve the Kaggle Toxic Comments Classification Challenge",
    "A lot of time has not been spent on training the model to a great accuracy.",
    "The objcetive here was to learn how to build multi-label language classification models "
    "using Fast.ai’s ULMFiT (Universal Language Model Fitting) approach.",
    "With a few hours of training, I was able to get an accuracy of 99.26% and an ROC-AUC score "
    "of 98.7% on 10% of the training data kept aside for validation.",
    "Toxic Comments Classification : Kaggle",
    "Training Code",
    "Human Protein Atlas Classification Challenge: Kaggle Competition",
    "Multilabel stratification",
    "4 channel Resnets",
    "Making transfer learning work for 4 channels",
    "Progressive resizing",
    "I had to suddenly stop working on this project due to some unforeseen circumstances.",
    "As a result I couldn’t train the model for a significant amount of time.",
    "I managed to get an accuracy of about 88% on the multilabel classification task invloving "
    "29 classes. The best fbeta score was 0.412.",
    "This is an incomplete / dropped project",
    # Projects: from scratch
    "I believe that being able to build things for yourself when you can't find open-source code "
    "(libraries) is an important skill.",
    "Java-ML (I am proud of this)",
    "Implemented a neural network library with PyTorch like interface in Java from scratch "
    "without using any third-party libraries",
    "Rudimentary Autograd to allow for arbitrary stacking of Neural network layers and "
    "activation functions.",
    "Binary matrix operations (x, +, -, ÷)",
    "Random matrix generators.",
    "Initialization (Kaiming He, Gaussian, Random)",
    "Optimizers: SGD (Full bactch, Mini-batch). Support for other optimizers such as AdamW, "
    "RMSProp, etc.",
    "Activation Functions: ReLu, TanH, TanSigmoid, Sigmoid. Includes support for others.",
    "Loss Functions: SoftmaxCrossEntropy, CrossEntropy",
    "Supports binary and multi-label classification. Easily extended for regression.",
    "Objective: better understand the depth of the code that goes into making a neural network "
    "work.",
    "Complete Report with code examples: Java-ML",
    "akashpalrecha/Java-ML",
    "Image Augmentation: Custom Package",
    "Implemented customized Data Augmentation package for images. Compatible with all popular "
    "deep learning frameworks (PyTorch, Tensorflow, etc).",
    "Horizontal Flip",
    "Vertical Flip",
    "Gaussian Blur",
    "Color Jitter",
    "Brightness/Contrast",
    "Can take transforms from other popular libraries",
    "imr = ImageReader(PATH_TO_IMAGES, transforms=tfms)",
    "image = imr.read_image_random() # or imr.read_image_by_id(name)",
    "akashpalrecha/ImageReader_w_data_augmentation",
    "I do not use/mainatin this repository anymore.",
    "The core objective here was just getting used to write boiler-plate code for data science "
    "work flows when you do not have open source to rescue you.",
    "Efficiently Oversampling Image Classification Datasets",
    "oversampling the less frequent classes often gives improved results",
    "This package gives an oversampled representation of the data that works well with FastAI’s "
    "Datablock API.",
    "without actually copying the data",
    "Head over to the repository to see how it works",
    "akashpalrecha/classification_oversampling",
    "Fast Callbacks",
    "Custom Callbacks to extend the FastAI library’s functionality when training models with "
    "large datasets where each epoch takes a very long time.",
    "I had such an issue with when working with a large Satellite dataset in Pixxel where each "
    "epoch was taking more than an hour.",
    "Gradient Accumulation: Emulates a higher batch size when you cannot increase batch size due "
    "to memory constraints.",
    "Having a low batch-size (<16) while using batchnorm at the same time generally results in "
    "unstable training.",
    "Skip N iterations of training: for when the server crashes in the middle of a huge epoch",
    "Saving the model after every N iterations: self-explanatory.",
    "Stop training in N iterations: self-explanatory.",
    "Show results every N iterations: self-explanatory.",
    "akashpalrecha/custom-fastai-callbacks",
    "Multichannel Resnets",
    "Creates Resnets with an arbitrary number of input channels along with approximate Imagenet "
    "pre-training benefits in 2 lines of code.",
    "resnet34_4_channel = Resnet(34, 4)",
    "There wasn't an off-the-shelf compononent available online so I had to write a utility for "
    "myself.",
    "simply copying the weights of the kernels in the first layer into the additional kernels "
    "added (to increase channels) still gives much of the Imagenet-pretraining benefits",
    "akashpalrecha/Resnet-multichannel",
    # Projects: development
    "Book Review Website",
    "This is a small, very minimal flask-powered webapp that allows the user to register, login, "
    "and search and review thousands of books. (Motivation: Because a Data scientist that just "
    "knows data science isnt' enough).",
    "https://boiling-gorge-23297.herokuapp.com/",
    "akashpalrecha/books-reviews-website",
    # Skills
    "PyTorch",
    "NumPy, Pandas, Matplotlib, Jupyter",
    "Classification, Segmentation",
    "Sklearn",
    "OpenCV",
    "Webapps using Flask+CSS+HTML+Javascript",
    "Tensorflow",
    "AWS, GCP (Managing VMs for AI Research / Model Training",
    "Language Models using ULMFiT",
    "GANs",
    "Computation Linear Algebra by FastAI",
    "Javascript, Django",
    "Docker",
]

AKASH_RESTATED_FACTS = [
    # leaderboard.png is not in the seeds: the site says what it showed.
    "#1 on the Weights & Biases Drought Watch leaderboard since September 2019",
    # The 2022 seed expected EMNLP 2022; publications-facts.md has it at SIGIR 2023.
    "SIGIR 2023",
    "InceptionXML",
    "YouMVOS",
]

# Characters the 2020 seed meant, which its mojibake hid; the built site must show them.
AKASH_INTENDED_CHARACTERS = ["•", "\u00a0", "’", "÷", "🛰", "📖", "🌐", "💻", "👨🏻\u200d🎓"]

AKASH_LINKS = [
    "https://www.pixxel.space",
    "http://pixxel.co.in",
    "https://www.aalto.fi/en/people/rohit-babbar",
    "https://vcg.seas.harvard.edu",
    "https://vcg.seas.harvard.edu/people",
    "https://aiesec.org",
    "https://www.o4a.in",
    "mailto:akashpalrecha@gmail.com",
    "mailto:akash@pixxel.co.in",
    "https://github.com/akashpalrecha",
    "https://twitter.com/akashpalrecha98",
    "https://www.linkedin.com/in/akashpalrecha/",
    "https://www.fast.ai/about/#jeremy",
    "https://www.fast.ai/",
    "https://forums.fast.ai",
    "https://arxiv.org/abs/1502.03167",
    "https://course.fast.ai/part2",
    "https://courses.edx.org/courses/course-v1:HarvardX+CS50W+Web/course/",
    "https://matplotlib.org/matplotblog/posts/an-inquiry-into-matplotlib-figures/",
    "https://github.com/akashpalrecha/Custom-Pretrained-Models-in-Fastai",
    "https://arxiv.org/abs/1907.08610",
    "https://www.notion.so/Lookahead-Optimizer-Project-913e45b63e9a4528bee56a588e477f9f",
    "https://github.com/akashpalrecha/Lookahead",
    "https://github.com/akashpalrecha/drought-watch",
    "https://github.com/akashpalrecha/Kaggle-Toxic-Comments-Classification",
    "https://gist.github.com/akashpalrecha/1f636e3a82f6e7f9802656d31c96f477",
    "https://www.kaggle.com/c/human-protein-atlas-image-classification",
    "https://www.notion.so/Java-ML-b49282c45e404aaab99afa75597e1769",
    "https://github.com/akashpalrecha/java-ML",
    "https://github.com/akashpalrecha/ImageReader_w_data_augmentation",
    "https://github.com/akashpalrecha/classification_oversampling",
    "https://github.com/akashpalrecha/custom-fastai-callbacks",
    "https://github.com/AKASHPALRECHA/RESNET-MULTICHANNEL",
    "https://boiling-gorge-23297.herokuapp.com/",
    "https://github.com/akashpalrecha/books-reviews-website",
]

# Start months of the experience entries, as the timeline's <time datetime="YYYY-MM">.
AKASH_TIMELINE_MONTHS = [
    "2021-07",
    "2021-05",
    "2021-01",
    "2020-08",
    "2020-03",
    "2020-01",
    "2019-02",
    "2018-09",
]

VINAY_SEED_FACTS = [
    "Hello there, I am Vinay Sisodia.",
    "I have deep interest in areas of math & machine learning.",
    "I am currently working as Technical Director, ML at PicCollage.",
    "What I do",
    "Bringing AI to a tech startup: building ML technologies, systems and infrastructure from the "
    "ground up",
    "ML Research, esp vision and language models: I am particularly interested in "
    "multi-modality, self-supervised learning and graphs",
    "Building and growing a machine learning team",
    "Building new products",
    "Things I have built",
    "Linear Algebra for Programmers",
    "An e-book of visual essays to learn linear algebra from scratch.",
    "TinyVolt",
    "Most of my open-source work can be found here.",
    "Category Theory Meetup",
    "A (now defunct) meetup group for discussing topics related to Category Theory.",
    "At some point I was really excited about this topic but soon realized that unless I "
    "familiarized myself with some advanced topics in abstract algebra, it would sound and feel "
    "like abstract nonsense.",
    "Incomplete notes on this topic can be found here.",
    "Some background",
    "I got into machine learning when companies were starting to build dedicated AI/ML teams.",
    "I had the privilege of being the first ML engineer in two different organizations, which "
    "allowed me to build ML systems from the ground up.",
    "Later on I took on the responsibility of growing and leading ML teams.",
    "The past few years have been quite gratifying professionally and intellectually, and I am "
    "very proud of some of the things I built during this time.",
    "Education",
    "Bachelors & Masters: Indian Institute of Technology, Kharagpur",
    "Courses in Mandarin: National Taiwan Normal University, National Taiwan University",
    "Recipient of Huayu Enrichment Scholarship",
    "Notable Projects",
    "GLIACloud",
    "Highlight detection in soccer videos",
    "Built a simple CNN + RNN model which was trained on labeled soccer videos from Chinese Super "
    "League",
    "Distillation of CLIP model",
    "Distilled the ViT component of the CLIP model (24MB only), which was then deployed on edge "
    "and is currently in use by multiple apps",
    "but we did more work later which is not covered by the article",
    "Extracted attention values from the transformer layer to act as a proxy for saliency patches",
    "Transition detection in videos",
    "This was done by looking at the spectral properties of the cosine similarity matrix of the "
    "video frames (Spectral Graph Theory to the rescue!)",
    "Training a GNN for photo to sticker recommendation",
    "Implemented a variant of CompGCN",
    "The most important change was that our model was inductive while the original "
    "implementation was transductive.",
    "This was done by a) fixing the initial node embedding to be a CLIP embedding and b) "
    "learning a transformation to map the initial node embedding instead of changing the node "
    "values directly",
    "Bringing Generative AI related technologies to build products/features on",
    "Set up training pipelines for dreambooth, LoRA and ControlNet",
]

VINAY_LINKS = [
    "https://picc.co/",
    "https://www.linearalgebraforprogrammers.com/",
    "https://github.com/tinyvolt/",
    "https://www.meetup.com/category-theory-enthusiasts/",
    "https://en.wikipedia.org/wiki/Abstract_nonsense",
    "https://github.com/vinsis/applied-category-theory-slides",
    "https://tech.pic-collage.com/distillation-of-clip-model-and-other-experiments-f8394b7321ce",
    "https://github.com/malllabiisc/CompGCN",
]

VINAY_TIMELINE_YEARS = ["2018", "2021", "2022"]

# The 2020 seed's phone number, in the spellings a page could use; none may be published.
PHONE_DIGITS = "9879990466"
